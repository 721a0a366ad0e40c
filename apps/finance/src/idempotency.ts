/**
 * The Idempotency-Key of one dialog's submission: made when the dialog opens, sent again with
 * every retry of the same values (so a retry after a lost answer returns the first payment), and
 * replaced after a success or once the values sent change (that is a different payment).
 */
export function useIdempotencyKey(make: () => string = () => crypto.randomUUID()) {
  let key = make()
  /** What the key was last sent with; null while unused. */
  let sentWith: string | null = null
  return {
    /** A new key, for a dialog opening afresh. */
    reset() {
      key = make()
      sentWith = null
    },
    /** The key to send `body` with. */
    keyFor(body: unknown): string {
      const values = JSON.stringify(body)
      if (sentWith !== null && sentWith !== values) key = make()
      sentWith = values
      return key
    },
    /** The submission went through: the next one is another payment. */
    succeeded() {
      key = make()
      sentWith = null
    },
  }
}
