// Refusals: the bridge's error kinds (`errors`) and core's refusals that carry a problem code
// (`problems`, BridgeError.problem), which ErrorNotice shows instead of core's English message.
export const problems = {
  errors: {
    validation: 'Please check:',
    not_found: 'Not found.',
    conflict: 'Not possible now.',
    offline: 'The Optimizer cannot be reached.',
    timeout: 'The Optimizer did not answer in time.',
    tls: 'The Optimizer’s certificate is not trusted.',
    auth: 'The RAO token was refused.',
    otp_wrong: 'Wrong code.',
    otp_expired: 'The code has expired.',
    otp_cooldown: 'Please wait before sending another code.',
    otp_locked: 'The code is locked.',
    unsupported_media: 'This file type is not accepted.',
    server: 'The Optimizer reported an error.',
    unknown_outcome: 'The outcome is not known yet; it will be checked before anything is repeated.',
    keychain_unavailable: 'The system keychain is not available.',
    forbidden: 'Not allowed.',
    unsupported: 'Not available here.',
    internal: 'Something went wrong.',
  },
  problems: {
    jobMissing: 'That job no longer exists.',
    jobStarted: '“{{label}}” has already started: where its stamps go can no longer change.',
    documentMissing: '“{{label}}” has no document {{number}}.',
    pageOutOfRange: '“{{filename}}” has {{pages}} page(s): choose a page from 1 to {{pages}}.',
    copyGone: 'The local copy of “{{filename}}” is no longer kept (see Settings, local copies).',
    templateMissing: 'That template no longer exists; choose another one.',
    templateNameTaken: 'Another template is already called “{{name}}”.',
    nothingToExport: 'Choose at least one template to export.',
    jobCancelled:
      '“{{label}}” was cancelled: its request no longer exists on the Optimizer. Use “Copy as new draft” to sign the same documents again.',
    jobDone: '“{{label}}” is already done.',
    startNotDraft: '“{{label}}” has already been started.',
    retryDraft: '“{{label}}” has not been started yet: press Start.',
    retryNotStopped: '“{{label}}” has not stopped: there is nothing to retry.',
    retryRefusedDocument:
      'Retrying “{{label}}” would fail the same way: the Optimizer refused “{{filename}}”. Remove that document and go on with the others, or copy the job as a new draft.',
    retrySignerRefused:
      'Retrying “{{label}}” would fail the same way: the Optimizer refused the signer’s details. Copy the job as a new draft and correct them.',
    cancelDraft: '“{{label}}” has not been sent to the Optimizer: remove it instead.',
    cancelTooLate:
      '“{{label}}” can no longer be cancelled: the certificate has been issued, so the job can only be finished.',
    notRunning: '“{{label}}” is not being worked on by the queue now: there is nothing to pause or resume.',
    copyNotAllowed:
      'Only a cancelled job, or one that stopped before it was signed, can be copied as a new draft (“{{label}}”).',
    removeRunning: '“{{label}}” is still in progress: cancel it before removing it.',
    undoExpired: 'It is too late to undo: the removed jobs are gone.',
    hostAddressNeeded: 'This page needs the address printed by npm run start:web.',
    launchCodeRefused:
      'This address has already been used or has expired (each one works once, within a minute): use the tab it opened, or start npm run start:web again for a new one.',
    readBeforeSignerView: 'Reading counts only in the signer view: open “Signer view” for the signer first.',
    pagesNotSeen: 'Not every page has been on screen yet. Still to show: {{pages}}.',
    consentBeforeRead: 'The signer must read every page of the service contract and of each document first.',
    contractMissing: 'The service contract has not been fetched yet.',
    reviewItemMissing: 'That document is not part of this job.',
    outputFolderUnwritable:
      'The folder “{{folder}}” can’t be written: {{cause}}. The signed copies stay on the Optimizer: make the folder writable, then press Retry.',
    profileTokensAtNewAddress:
      'This profile holds tokens for {{count}} RAO(s). Choose Keep, and they will be sent to the new address {{baseUrl}}, or Forget, and they are removed from this computer.',
  },
};
