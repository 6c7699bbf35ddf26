// The shape of an SLO definition, close to Sloth's (https://sloth.dev) so candidates who know
// one know the other: service / slos[] / sli.events{error_query,total_query} / objective / alerting.

export interface SloSpec {
  service: string;
  labels: Record<string, string>;
  slos: Slo[];
}

export interface Slo {
  /** kebab-case id, used in the `slo` label and in file names. */
  name: string;
  description: string;
  /** Percentage over the 30-day period, e.g. 99.9. */
  objective: number;
  sli: {
    events: {
      /** PromQL counting bad events per second; `{{.window}}` is replaced by each window. */
      errorQuery: string;
      totalQuery: string;
    };
  };
  alerting: {
    /** CamelCase alert name; its runbook is docs/runbooks/<name>.md. */
    name: string;
    summary: string;
    /** What the alert means for users, for the description annotation. */
    impact: string;
  };
}

/** The SLO period: error budgets and remaining budget are computed over it. */
export const SLO_PERIOD = "30d";
