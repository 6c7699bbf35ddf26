import { hostname } from "node:os";
import type { Express, RequestHandler } from "express";
import type { Config } from "../config.js";
import { AppError } from "../errors.js";
import type { LinksRepository, StoredLink } from "../links/links-repository.js";
import { DEFAULT_HOME_MESSAGE } from "../links/links-settings.js";
import { homeScript, homeStylesheet } from "./home-assets.js";
import { renderHomePage } from "./home-page.js";

export function mountHomeRoutes(
  app: Express,
  deps: {
    config: Pick<Config, "build" | "ui">;
    links: LinksRepository;
    faults: RequestHandler;
    /** The fault panel's HTML (src/panel/), when faults are on. */
    panel?: string | undefined;
  },
): void {
  const stylesheet = homeStylesheet(deps.config.ui.color);

  app.get("/", deps.faults, async (_req, res) => {
    let topLinks: StoredLink[] | undefined;
    try {
      topLinks = await deps.links.mostClicked(10);
    } catch (error) {
      // The page still renders during an outage, and says so, with the right status.
      if (!(error instanceof AppError) || error.status < 503) throw error;
    }
    res
      .status(topLinks ? 200 : 503)
      .type("html")
      .send(
        renderHomePage({
          version: deps.config.build.version,
          hostname: hostname(),
          message: deps.config.ui.message ?? DEFAULT_HOME_MESSAGE,
          topLinks,
          panel: deps.panel ?? "",
        }),
      );
  });
  app.get("/assets/home.css", (_req, res) => {
    res.type("css").set("Cache-Control", "public, max-age=300").send(stylesheet);
  });
  app.get("/assets/home.js", (_req, res) => {
    res.type("js").set("Cache-Control", "public, max-age=300").send(homeScript);
  });
}
