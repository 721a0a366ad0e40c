/** In timestamp order; the preset runs whatever is pending at start, after the kit's own. */
export const migrations = []
