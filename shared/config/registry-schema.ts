// Temporary re-export while files owned by other refactors still import it; removed once they move.
export * from '../domain/registry.js';
