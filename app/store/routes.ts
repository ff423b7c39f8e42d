/** Routing constants shared by the address bar, saved state and the shell. */

/** The route of a user-opened notebook (`#notebook`), beside the chapter ids. */
export const NOTEBOOK_ROUTE = 'notebook';
/** The landing page: what `#/` (no chapter named) shows; `#/home` names it too. */
export const HOME_ROUTE = 'home';
