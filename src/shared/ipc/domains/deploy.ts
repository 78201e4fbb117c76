/** Deploy and run-on-badge operations. Owned by the deploy work. */
export const deployOps = {}
export const deployEvents = {}
