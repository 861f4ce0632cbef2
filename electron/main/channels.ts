// The desktop shell's channels beyond one-per-method live in the shared contract; re-exported here
// for the main-process files that already name them.
export { DROP_CHANNEL, SESSION_CHANGED_CHANNEL } from '../shared/api-methods';
export type { SessionChangedListener } from '../shared/contract';
