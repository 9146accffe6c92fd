/** OpenAPI examples of the bank endpoints' request bodies. */
export const BANK_EXAMPLE = {
  name: 'tcap-2026',
  kind: 'positive',
  description: 'Hashes from the TCAP list of December 2026, verified terrorist content.',
} as const;

export const SIGNALS_EXAMPLE = {
  signals: [
    {
      type: 'pdq',
      value: 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22',
      label: { category: 'terrorist_content', source: 'TCAP 2026-12' },
    },
    {
      type: 'sha256',
      value: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      label: { category: 'terrorist_content', source: 'TCAP 2026-12' },
    },
  ],
} as const;

export const MATCH_EXAMPLE = {
  signals: [
    { type: 'pdq', value: 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b23' },
    { type: 'md5', value: '098f6bcd4621d373cade4e832627b4f6' },
  ],
} as const;

export const IMPORT_EXAMPLE = {
  format: 'threatexchange',
  category: 'terrorist_content',
  source: 'Partner deployment export, 2026-12-06',
  content:
    'pdq d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22\nvideo_md5 098f6bcd4621d373cade4e832627b4f6\n',
} as const;

export const DISAGREEMENT_EXAMPLE = {
  type: 'pdq',
  value: 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22',
  reason: 'News photograph of the aftermath, published by a broadcaster; not propaganda.',
} as const;
