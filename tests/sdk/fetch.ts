// A frontend's calls through openapi-fetch (issue 24), over the types openapi-typescript
// generates from the live spec (tests/contract/test_typescript_client.py). It compiles under
// strict settings only if each list's `data` is the item array (no `| string` from other
// media types, no cast, no media type pinned), a quote's speaker is `ActorRef | null`, errors
// have the one problem shape, and the paging headers can drive a walk.
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

type Schemas = components["schemas"];
type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

const api = createClient<paths>({ baseUrl: "http://127.0.0.1:5000" });

function problem(error: Schemas["Error"]): Error {
  const fields = error.errors.map(
    (f) => `${f.location}:${f.field ?? "(body)"}${f.index === null ? "" : `[${f.index}]`} ${f.message}`,
  );
  return new Error(`${error.status} ${error.title}: ${error.detail} ${fields.join("; ")}`);
}

export async function assaults(): Promise<Schemas["Event"][]> {
  const { data, error } = await api.GET("/api/v1/events", {
    params: { query: { type: ["ASSAULT"], page_size: 50 } },
  });
  if (error) throw problem(error);
  const exact: Equals<typeof data, Schemas["Event"][]> = true;
  void exact;
  return data;
}

export async function speakers(documentId: number): Promise<string[]> {
  const { data, error } = await api.GET("/api/v1/quotes", {
    params: { query: { document_id: [documentId] } },
  });
  if (error) throw problem(error);
  return data.map((quote) => quote.speaker?.name ?? "(unattributed)");
}

export async function everyEvent(): Promise<Schemas["Event"][]> {
  const all: Schemas["Event"][] = [];
  let next: string | null = "";
  while (next !== null) {
    const cursor: string = next;
    const page = await api.GET("/api/v1/events", {
      params: { query: { cursor, page_size: 100 } },
    });
    if (page.error) throw problem(page.error);
    all.push(...page.data);
    next = page.response.headers.get("X-Next-Cursor");
  }
  return all;
}

export async function searchSnippets(q: string): Promise<string[]> {
  const { data, error } = await api.GET("/api/v1/documents", { params: { query: { q } } });
  if (error) throw problem(error);
  // Plain text and offsets: a highlight built without HTML.
  return data.flatMap((doc) =>
    doc.search === undefined
      ? []
      : doc.search.snippet_matches.map((m) => doc.search?.snippet_text.slice(m.start, m.end) ?? ""),
  );
}

export async function created(text: string): Promise<string> {
  const { data, error } = await api.POST("/api/v1/documents", {
    body: { text, published_at: "2016-10-03" },
  });
  if (error) throw problem(error);
  // 201 (new) or 200 (stored before) is the document; 202 (Prefer: respond-async) a job.
  return "published_at" in data ? (data.published_at ?? "") : data.results_url;
}

// Every JSON list answers JSON alone; CSV and NDJSON have operations of their own.
type JsonOnly<P extends keyof paths> = paths[P] extends {
  get: { responses: { 200: { content: infer C } } };
}
  ? Equals<keyof C, "application/json">
  : false;
export const lists: [
  JsonOnly<"/api/v1/events">,
  JsonOnly<"/api/v1/documents">,
  JsonOnly<"/api/v1/quotes">,
  JsonOnly<"/api/v1/actors">,
  JsonOnly<"/api/v1/deletions">,
  JsonOnly<"/api/v1/actors/{actor_id}/events">,
  JsonOnly<"/api/v1/ingest-jobs">,
] = [true, true, true, true, true, true, true];

export async function csvExport(): Promise<string> {
  const { data, error } = await api.GET("/api/v1/events/export", {
    params: { query: { format: "csv", type: ["ASSAULT"] } },
    parseAs: "text",
  });
  if (error) throw problem(error);
  return data;
}
