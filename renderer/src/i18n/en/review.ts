// The review before signing and the measured reading (`reading`: how far each document has been
// read, the RAO's override with its reason).
export const review = {
  review: {
    title: 'Review with the signer',
    contract: 'Service contract',
    checklist: 'Documents to read',
    read: '(read)',
    notRead: '(not read yet)',
    howTo: 'Open each document and scroll to its end; it is ticked when read.',
    signerMode: 'Signer view',
    leaveSignerMode: 'Back to the desk',
    consent: 'The signer has read and accepts',
    readAllFirst: 'The signer must read the contract and every document first.',
  },
  reading: {
    howTo:
      'Turn the screen to the signer with “Signer view”. A document is ticked once every page has been on screen there for a moment.',
    onlyInSignerView: 'Reading is measured only in the signer view.',
    pagesSeen_one: '{{seen}} of {{count}} page seen',
    pagesSeen_other: '{{seen}} of {{count}} pages seen',
    overridden: '(marked read by the RAO)',
    override: 'Mark as read without the viewer…',
    overrideTitle: 'Mark “{{name}}” as read',
    reason: 'Why it counts as read (recorded in the audit log)',
    reasonExample: 'e.g. the signer read the paper copy',
    reasonTooShort: 'Write the reason in a few words.',
    record: 'Record as read',
    cancel: 'Cancel',
  },
};
