/** Resolves after `ms`: the default wait of the parts that take theirs as a parameter (tests pass their own). */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
