/** The worker half of the worker-thread reload option in options.ts: builds, then sends quotes and index back. */
import { parentPort } from 'node:worker_threads';
import { loadCorpus } from '../../src/corpus/load.js';
import { CorpusVersion } from '../../src/desk/corpus-version.js';

const dir = process.argv[2];
if (!dir || !parentPort) throw new Error('options-worker.ts runs as a worker with a corpus folder');
const version = await CorpusVersion.build(await loadCorpus(dir));
const index = version.index.toData();
const transfer = [...index.fieldLengths, ...index.offsets, ...index.docs, ...index.freqs].map((array) => array.buffer as ArrayBuffer);
parentPort.postMessage({ quotes: [...version.quotesByArticle], index }, transfer);
