import { constants, createDeflate, deflateSync } from 'node:zlib';
import type { WebSocket } from 'ws';

/** Writes gateway payloads to a socket in the encoding the client asked for. */
export type FrameWriter = (text: string) => void;

/** Plain JSON text frames: what discord.js uses when `zlib-sync` is not installed (the case here). */
export const textFrames = (socket: WebSocket): FrameWriter => (text) => socket.send(text);

/**
 * `compress=zlib-stream`: one deflate context for the whole connection, each payload ending in a
 * Z_SYNC_FLUSH (`00 00 ff ff`), as @discordjs/ws expects once `zlib-sync` is installed. Payloads are
 * written strictly in order even though deflating is asynchronous.
 */
export function zlibStreamFrames(socket: WebSocket): FrameWriter {
  const deflate = createDeflate({ chunkSize: 65_535 });
  let queue = Promise.resolve();
  socket.once('close', () => deflate.destroy());
  return (text) => {
    queue = queue.then(
      () =>
        new Promise<void>((resolve) => {
          const chunks: Buffer[] = [];
          const collect = (chunk: Buffer): number => chunks.push(chunk);
          deflate.on('data', collect);
          deflate.write(text);
          deflate.flush(constants.Z_SYNC_FLUSH, () => {
            deflate.off('data', collect);
            if (socket.readyState === socket.OPEN) socket.send(Buffer.concat(chunks));
            resolve();
          });
        }),
    );
  };
}

/** IDENTIFY `compress: true`: every payload deflated on its own, sent as a binary frame. */
export const deflatedFrames = (socket: WebSocket): FrameWriter => (text) => socket.send(deflateSync(text));
