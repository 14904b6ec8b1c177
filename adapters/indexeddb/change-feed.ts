import type { ChangeSet } from '../../src/storage/adapter.ts';
import { ChangeListeners } from '../../src/storage/change-listeners.ts';

/**
 * Hands committed batches to change listeners: those this adapter committed straight away,
 * those other connections to the database committed (other tabs, other adapters in the page)
 * through a `BroadcastChannel` named after the database.
 */
export class ChangeFeed {
  private readonly listeners = new ChangeListeners();
  private channel: BroadcastChannel | undefined;

  /** `channelName` undefined: batches stay within this adapter. */
  constructor(private readonly channelName: string | undefined) {}

  /** `ignoreOrigin`: batches written with this origin are not delivered to this listener. */
  subscribe(listener: (changes: ChangeSet) => void, ignoreOrigin?: string): () => void {
    return this.listeners.subscribe(listener, ignoreOrigin);
  }

  /** Starts hearing the batches of other connections. */
  connect(): void {
    if (this.channelName === undefined || this.channel !== undefined) return;
    this.channel = new BroadcastChannel(this.channelName);
    this.channel.onmessage = ({ data }: MessageEvent<unknown>) => {
      if (isChangeSet(data)) this.listeners.deliver(data);
    };
  }

  disconnect(): void {
    this.channel?.close();
    this.channel = undefined;
  }

  /** Tells this adapter's listeners and every other connection of a committed batch. */
  publish(changes: ChangeSet): void {
    this.channel?.postMessage(changes);
    this.listeners.deliver(changes);
  }
}

/** Guards against other messages on the channel, e.g. from a tab running another version of the page. */
function isChangeSet(data: unknown): data is ChangeSet {
  const candidate = data as Partial<ChangeSet> | null;
  return typeof candidate === 'object' && candidate !== null && Array.isArray(candidate.puts) && Array.isArray(candidate.deletes);
}
