import type { SemanticRouteSpec } from './semantic.types.js';

/** Routes of an assistant group: drafting, legal review and code, with realistic examples. */
export const ASSISTANT_ROUTES: readonly SemanticRouteSpec[] = [
  {
    name: 'drafting',
    examples: [
      'Draft a friendly email to a customer about their delayed order',
      'Write a blog post announcing our new product launch',
      'Rewrite this paragraph so it sounds more persuasive for a marketing newsletter',
      'Compose a short thank-you note to the team after the release',
    ],
  },
  {
    name: 'legal-review',
    examples: [
      'Review this contract clause for liability and indemnification risks',
      'Is this non-disclosure agreement enforceable under GDPR?',
      'Check the termination terms of this supplier agreement for legal exposure',
      'Summarize the obligations of each party in this license agreement',
    ],
  },
  {
    name: 'code',
    examples: [
      'Fix the bug in this TypeScript function that throws a null pointer exception',
      'Write a Python script that parses a CSV file and computes averages',
      'Refactor this SQL query to use a join instead of a subquery',
      'Explain why this unit test fails with a timeout error',
    ],
  },
];
