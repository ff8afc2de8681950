import "server-only";
import { releaseQueueBytes, takeQueueBytes } from "./queue-budget";
import { STREAM_BUFFER_BYTES, STREAM_PIECE_BYTES } from "./stream-budget";

/**
 * Encoded events waiting for one stream's client, handed over a piece (at most STREAM_PIECE_BYTES)
 * per pull. Their bytes count against the stream's cap (STREAM_BUFFER_BYTES) and the instance's budget
 * (queue-budget.ts) from when they are queued until the client has them. A piece handed over waits
 * in the live-view slot's wrapper (it reads one ahead), then in the socket; the next pull comes only
 * once the socket took the piece before it. So the last two pieces stay counted until the next pull.
 */
export class BudgetedQueue {
  private readonly events: Uint8Array[] = [];
  /** Bytes of the first event handed over already. */
  private at = 0;
  /** Bytes counted: those queued and the two pieces last handed over. */
  private counted = 0;
  private previous = 0;
  private last = 0;

  constructor(private readonly network: string | null) {}

  /** Bytes counted for this stream now. */
  get held(): number {
    return this.counted;
  }

  /** Queues `event` if the stream's cap and the budget have room for it; false, with nothing queued, if not. */
  offer(event: Uint8Array): boolean {
    if (this.counted + event.byteLength > STREAM_BUFFER_BYTES || !takeQueueBytes(this.network, event.byteLength)) return false;
    this.counted += event.byteLength;
    this.events.push(event);
    return true;
  }

  /** Drops the events not begun (the rest of one begun still goes, or the client could not parse what follows) and queues `event` last. */
  endWith(event: Uint8Array): void {
    const dropped = this.events.splice(this.at > 0 ? 1 : 0);
    const bytes = dropped.reduce((sum, each) => sum + each.byteLength, 0);
    releaseQueueBytes(this.network, bytes);
    takeQueueBytes(this.network, event.byteLength, true);
    this.counted += event.byteLength - bytes;
    this.events.push(event);
  }

  /** The client asked for more: the earlier of the two pieces handed over has left the process. */
  pulled(): void {
    releaseQueueBytes(this.network, this.previous);
    this.counted -= this.previous;
    this.previous = this.last;
    this.last = 0;
  }

  /** The next piece of the first event (a view of its memory), or undefined when none waits. */
  next(): Uint8Array | undefined {
    const event = this.events[0];
    if (!event) return undefined;
    const piece = event.subarray(this.at, this.at + STREAM_PIECE_BYTES);
    this.at += piece.byteLength;
    if (this.at === event.byteLength) {
      this.events.shift();
      this.at = 0;
    }
    // Still counted: it is on its way.
    this.last += piece.byteLength;
    return piece;
  }

  /** Drops everything and gives back what was counted: the stream ended. */
  clear(): void {
    this.events.length = 0;
    this.at = 0;
    releaseQueueBytes(this.network, this.counted);
    this.counted = this.previous = this.last = 0;
  }
}
