// The PDF viewer; `{{page}}`, `{{total}}` and `{{percent}}` are interpolated.
export const viewer = {
  viewer: {
    loading: 'Loading the document…',
    failed: 'This document could not be opened.',
    passwordProtected: 'This document is protected by a password and cannot be shown.',
    toolbar: 'Document view',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fitWidth: 'Fit width',
    zoomLevel: '{{percent}}%',
    pageOf: 'Page {{page}} of {{total}}',
    page: 'Page {{page}}',
    thumbnails: 'Page thumbnails',
    pages: 'Document pages',
  },
};
