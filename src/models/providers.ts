/** The model providers the pane and the CLI offer, and the model each starts with. */
export const PROVIDERS = ['gemini', 'openai'] as const;

export type ProviderId = (typeof PROVIDERS)[number];

export const DEFAULT_MODELS: Record<ProviderId, string> = {
  gemini: 'gemini-2.5-flash',
  openai: 'gpt-4.1-mini',
};
