// The rehearsal's second application (docs/src/sample-app-rehearsal.test.ts): one table, one
// route, written against ../feature.ts only, as a fork's own application would be.
import escapeHtml from "escape-html";
import { z } from "zod";
import type { Feature, FeatureDeps } from "../feature.js";
import { defineRoute } from "../http/route-table.js";

const NoteBody = z.object({ body: z.string().min(1).max(500) });
const Note = z.object({ id: z.string(), body: z.string() });

export function createNotesFeature({ config, db }: FeatureDeps) {
  return {
    info: { title: "Notes API", description: "The rehearsal's second application." },
    routes: [
      defineRoute({
        method: "post",
        path: "/api/notes",
        operationId: "createNote",
        summary: "Write a note.",
        tags: ["notes"],
        access: "write",
        body: NoteBody,
        responses: { 201: { description: "Created.", schema: Note } },
        async handler({ body }, _req, res) {
          const { rows } = await db.query<{ id: string | number }>(
            "notes.insert",
            "INSERT INTO notes (body) VALUES ($1) RETURNING id",
            [body.body],
          );
          res.status(201).json({ id: String(rows[0]?.id), body: body.body });
        },
      }),
      defineRoute({
        method: "get",
        path: "/api/notes",
        operationId: "listNotes",
        summary: "The latest notes.",
        tags: ["notes"],
        access: "public",
        responses: { 200: { description: "Notes.", schema: z.array(Note) } },
        async handler(_input, _req, res) {
          const { rows } = await db.query<{ id: string | number; body: string }>(
            "notes.list",
            "SELECT id, body FROM notes ORDER BY id DESC LIMIT $1",
            [config.feature.pageSize],
          );
          res.json(rows.map((row) => ({ id: String(row.id), body: row.body })));
        },
      }),
    ],
    mountHome(app, { faults, panel }) {
      app.get("/", faults, (_req, res) => {
        res
          .type("html")
          .send(`<!doctype html><title>Notes</title><h1>${escapeHtml("Notes")}</h1>${panel ?? ""}`);
      });
    },
    start: () => Promise.resolve(),
    close: () => Promise.resolve(),
  } satisfies Feature;
}
