/** The expressions waiting to run: a min-heap by rank (an expression runs after every writer it reads), then by insertion. */
export interface Ranked {
  readonly template: { readonly rank: number };
}

export class RankQueue<T extends Ranked> {
  private items: { rank: number; seq: number; item: T }[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const entry = { rank: item.template.rank, seq: this.seq++, item };
    const a = this.items;
    a.push(entry);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (less(a[p]!, entry)) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = entry;
  }

  pop(): T | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        let best = last;
        if (l < a.length && less(a[l]!, best)) {
          m = l;
          best = a[l]!;
        }
        if (r < a.length && less(a[r]!, best)) {
          m = r;
          best = a[r]!;
        }
        if (m === i) break;
        a[i] = a[m]!;
        i = m;
      }
      a[i] = last;
    }
    return top.item;
  }
}

function less(x: { rank: number; seq: number }, y: { rank: number; seq: number }): boolean {
  return x.rank < y.rank || (x.rank === y.rank && x.seq < y.seq);
}
