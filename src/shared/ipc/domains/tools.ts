/** Badge tools: new-app wizard, icon editor, secrets form, system assets. Owned by the tools work. */
export const toolsOps = {}
export const toolsEvents = {}
