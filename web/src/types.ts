/** Shapes the dashboard reads from the API. Kept loose where the engine owns the exact type. */
export interface EventRow {
  date: string;
  type: string;
  title: string;
  detail?: string;
  bloc?: string;
  source?: string | string[];
  sources?: string[];
  confidence?: string;
  /** A Chinese measure's own title (MOFCOM/GAC announcement, CAC or SAMR notice), null when none. */
  titleZh?: string | null;
}
