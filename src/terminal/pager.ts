import { spawn } from 'node:child_process';

/**
 * Shows long output through the user's pager (`$PAGER`, else `less`) when writing to a terminal
 * that it would overflow, as git does; writes straight out otherwise (pipes, short answers,
 * no pager installed). Resolves once the pager has exited.
 */
export function writePaged(text: string, out: NodeJS.WriteStream = process.stdout): Promise<void> {
  const rows = out.isTTY ? out.rows : undefined;
  if (rows === undefined || text.split('\n').length < rows - 1) {
    out.write(text);
    return Promise.resolve();
  }
  const command = process.env.PAGER?.trim() || 'less';
  return new Promise((resolve) => {
    let settled = false;
    const fallBack = (): void => {
      if (settled) return;
      settled = true;
      out.write(text);
      resolve();
    };
    const pager = spawn(command, [], { stdio: ['pipe', 'inherit', 'inherit'], shell: command.includes(' '), env: { LESS: 'FRX', ...process.env } });
    pager.on('error', fallBack);
    pager.on('close', () => {
      settled = true;
      resolve();
    });
    pager.stdin.on('error', () => undefined);
    pager.stdin.end(text);
  });
}
