#!/usr/bin/env node
// The `presence` command. Runs the TypeScript sources through tsx, so it works right after
// `npm ci` without a build.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
