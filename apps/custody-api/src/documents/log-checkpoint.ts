/**
 * The verifiable log's latest checkpoint as a document prints it (domain.md: a berita acara carries
 * it). The verifiable log is being built beside this; until it offers its latest checkpoint this
 * hook answers null and the documents print no checkpoint line. Point it at the log here, once.
 */
export type CheckpointLine = () => Promise<string | null>;

export const noCheckpointYet: CheckpointLine = () => Promise.resolve(null);

export const LOG_CHECKPOINT = Symbol('LOG_CHECKPOINT');
