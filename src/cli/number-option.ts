/** Whole-number command-line values, checked where they are parsed (a bad one is a usage error, exit 2). */
import { InvalidArgumentError } from 'commander'

/** `v` as a whole number of at least `min`; throws naming `name` otherwise. */
export function wholeNumber(name: string, v: string, min: number): number {
  if (!/^\d+$/.test(v) || Number(v) < min) throw new InvalidArgumentError(`${name} must be a whole number >= ${min} (got "${v}")`)
  return Number(v)
}

/** A commander option parser for {@link wholeNumber}. */
export function wholeNumberOption(name: string, min: number): (v: string) => number {
  return (v) => wholeNumber(name, v, min)
}
