/** Live device statistics. Owned by the stats work. */
export const statsOps = {}
export const statsEvents = {}
