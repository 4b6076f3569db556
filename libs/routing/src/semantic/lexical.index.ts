import { sparseCosine } from './vector.math.js';
import type { RouteScore, SemanticRouteSpec } from './semantic.types.js';

// Words that say nothing about what a prompt is for.
const STOPWORDS = new Set(
  [
    'a about also an and any are as at be but by can could do does for from have how i if in into is',
    'it its just me my need not of on or our please should so some tell than that the their them then',
    'there these this to us very want was we what when which who will with would you your',
  ]
    .join(' ')
    .split(' '),
);

/** Lowercase word stems without stopwords: "Reviewing the contracts" → ["review", "contract"]. */
export function terms(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+/g) ?? [])
    .filter((w) => w.length > 1 && !STOPWORDS.has(w))
    .map(stem);
}

function stem(word: string): string {
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

/**
 * Lexical similarity that needs no provider: TF-IDF vectors of word stems, IDF taken over every
 * example of the group, so words shared by all routes weigh little. A route scores the best of its
 * examples and of their centroid.
 */
export class LexicalIndex {
  private readonly idf = new Map<string, number>();
  private readonly routes: readonly {
    readonly name: string;
    readonly vectors: readonly Map<string, number>[];
  }[];

  constructor(routes: readonly SemanticRouteSpec[]) {
    const documents = routes.flatMap((r) => r.examples.map((e) => new Set(terms(e))));
    const counts = new Map<string, number>();
    for (const doc of documents) for (const term of doc) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, n] of counts) this.idf.set(term, 1 + Math.log((1 + documents.length) / (1 + n)));
    this.routes = routes.map((route) => {
      const examples = route.examples.map((e) => this.vector(e));
      const centroid = new Map<string, number>();
      for (const v of examples) for (const [t, w] of v) centroid.set(t, (centroid.get(t) ?? 0) + w);
      return { name: route.name, vectors: [centroid, ...examples] };
    });
  }

  /** Every route's score for the prompt, best first. */
  score(prompt: string): RouteScore[] {
    const query = this.vector(prompt);
    return this.routes
      .map((route) => ({
        route: route.name,
        score: Math.max(0, ...route.vectors.map((v) => sparseCosine(query, v))),
      }))
      .sort((a, b) => b.score - a.score);
  }

  private vector(text: string): Map<string, number> {
    const vector = new Map<string, number>();
    // Words no example uses cannot point to a route; they are left out rather than diluting the score.
    for (const term of terms(text)) {
      const idf = this.idf.get(term);
      if (idf !== undefined) vector.set(term, (vector.get(term) ?? 0) + idf);
    }
    return vector;
  }
}
