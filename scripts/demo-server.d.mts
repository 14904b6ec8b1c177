import type { DevServer } from '@web/dev-server-core';
export function startDemoServer(options?: { port?: number }): Promise<{ server: DevServer; url: string }>;
