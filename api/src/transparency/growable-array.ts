type TypedArray = Float64Array | Uint32Array;

/** An append-only typed array that doubles its capacity as it grows (a compact column). */
export class GrowableArray<T extends TypedArray> {
  #data: T;
  #length = 0;

  constructor(private readonly Type: { new (length: number): T }) {
    this.#data = new Type(1024);
  }

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (this.#length === this.#data.length) {
      const bigger = new this.Type(this.#data.length * 2);
      bigger.set(this.#data);
      this.#data = bigger;
    }
    this.#data[this.#length++] = value;
  }

  /** The value at `index` (< {@link length}). */
  get(index: number): number {
    return this.#data[index]!;
  }
}
