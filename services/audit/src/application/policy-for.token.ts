/** Nest token for the PolicyFor the API replays with: getPolicy, or a test's modified copy. */
export const POLICY_FOR = Symbol('POLICY_FOR');
