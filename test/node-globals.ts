// Under `node --test` the shared test files use the same globals web-test-runner's mocha gives.
import { describe, it, before, after, beforeEach, afterEach } from 'node:test';

Object.assign(globalThis, { describe, it, before, after, beforeEach, afterEach });
