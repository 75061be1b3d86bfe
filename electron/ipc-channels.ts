// The only place that names an Electron IPC channel; preload.ts and ipc.ts both import from here.
//
// One invoke channel carrying the operation name as its first argument, rather than one channel
// per operation: the contract (OPERATIONS) is already the list of what may be asked, so a single
// handler checks the sender once and the operation name against the contract at runtime. A channel
// per operation would duplicate that list as channel strings and multiply the places that must
// check the sender, with nothing gained.
export const INVOKE_CHANNEL = 'oneshot:invoke';

/** Main → renderer: every contract event (`BridgeEvent`, tagged by `type`) travels on this one. */
export const EVENT_CHANNEL = 'oneshot:event';
