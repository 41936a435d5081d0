/** The staff areas of the web app, each under its own path with its own sign-in. */
export const BACKOFFICE_AREAS = ['officer', 'facility', 'admin'] as const;
export type BackofficeArea = (typeof BACKOFFICE_AREAS)[number];
