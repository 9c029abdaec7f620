// A response body serialized straight into bytes. A list page is a megabyte or two of JSON: joined
// into one string, its thousand records stay alive as pieces until the whole is encoded, and the young
// generation's collections copy them over and over. Encoding each record as soon as it is written
// lets the pieces die young, and leaves the page's bytes outside the JavaScript heap.
import { writeXeroJson, type JsonSink } from './xero-json';

const INITIAL_BYTES = 16 * 1024;
/** UTF-8 takes at most three bytes for one UTF-16 code unit (four for a pair of two). */
const MAX_BYTES_PER_UNIT = 3;

class ByteSink implements JsonSink {
  private buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  private length = 0;

  write(text: string): void {
    const room = text.length * MAX_BYTES_PER_UNIT;
    if (this.length + room > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + room));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length);
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** The same bytes as Buffer.from(toXeroJson(value)). */
export function toXeroBytes(value: unknown): Buffer {
  const out = new ByteSink();
  writeXeroJson(value, out);
  return out.bytes();
}
