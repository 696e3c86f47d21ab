// A strict TypeScript program over the types openapi-typescript generates from the live spec
// (tests/contract/test_typescript_client.py): it compiles only if fields always present are
// not optional, nullable references are `ActorRef | null`, enums are one named type each, and
// the paging headers are declared.
import type { components, paths } from "./schema";

type Schemas = components["schemas"];
type EventList =
  paths["/api/v1/events"]["get"]["responses"][200]["content"]["application/json"];
type ListHeaders = paths["/api/v1/events"]["get"]["responses"][200]["headers"];

export function affiliationName(actor: Schemas["Actor"]): string | null {
  return actor.affiliation === null ? null : actor.affiliation.name;
}

export function speakerName(quote: Schemas["Quote"]): string {
  return quote.speaker?.name ?? "(unattributed)";
}

export function triggers(events: EventList): string[] {
  return events.map((e) => {
    const trigger: string = e.trigger;
    const id: number = e.id;
    const sources: Schemas["ActorRef"][] = e.sources;
    return `${id} ${trigger} ${sources.map((s) => s.name).join(";")}`;
  });
}

export function precisionRank(p: Schemas["DatePrecision"]): number {
  const order: Record<Schemas["DatePrecision"], number> = {
    day: 0,
    week: 1,
    month: 2,
    year: 3,
    reported: 4,
  };
  return order[p];
}

export const sameEnum: Schemas["EventType"] = ("ASSAULT" satisfies Schemas["Event"]["type"]);

export function nextCursor(headers: ListHeaders): string | undefined {
  return headers["X-Next-Cursor"];
}

// @ts-expect-error: not a date precision
export const wrong: Schemas["DatePrecision"] = "decade";
