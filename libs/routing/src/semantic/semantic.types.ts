/** A route as semantic matching sees it: its name and example prompts. */
export interface SemanticRouteSpec {
  readonly name: string;
  readonly examples: readonly string[];
}

export interface RouteScore {
  readonly route: string;
  readonly score: number;
}

/** The route a prompt was matched to, how, and with what similarity (0 for the default route). */
export interface RouteMatch {
  readonly route: string;
  readonly score: number;
  readonly method: 'embedding' | 'lexical' | 'default';
}
