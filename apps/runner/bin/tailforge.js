#!/usr/bin/env node
// The tailforge command line. Built code lives in ../dist (run `pnpm build`).
import { main } from '../dist/cli.js';

process.exitCode = await main(process.argv.slice(2));
