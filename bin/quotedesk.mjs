#!/usr/bin/env node
// `npx quotedesk ask [options] "question"`: the terminal front end without npm run's trap, where
// flags before `--` go to npm instead of Quotedesk. Runs the TypeScript source through tsx.
import { register } from 'tsx/esm/api';

// `ask` is the only command; `npx quotedesk "question"` works too.
const [command, ...rest] = process.argv.slice(2);
const args = command === 'ask' ? rest : process.argv.slice(2);
process.argv = [process.argv[0], 'quotedesk', ...args];
process.env.QUOTEDESK_PROGRAM = 'npx quotedesk ask';
register();
await import('../src/terminal/main.ts');
