#!/usr/bin/env node
// Entry point of the dipc-spec command: runs the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
