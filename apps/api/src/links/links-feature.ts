import type { Feature, FeatureDeps } from "../feature.js";
import { mountHomeRoutes } from "../home/home-routes.js";
import { createLinkStore } from "./link-store.js";
import { LINKS_API_INFO, linksRoutes } from "./links-routes.js";

/** The sample application, a link shortener, as the service sees it (../feature.ts). */
export function createLinksFeature({ config, db, logger, registry }: FeatureDeps) {
  const store = createLinkStore(db, config.feature, { logger, registry });
  return {
    info: LINKS_API_INFO,
    routes: linksRoutes({ links: store, publicBaseUrl: config.http.publicBaseUrl }),
    mountHome(app, { faults, panel }) {
      mountHomeRoutes(app, { config, links: store, faults, panel });
    },
    start: () => store.start(),
    async close() {
      await store.close();
    },
    /** The store itself, for the feature's own tests (flushClicks). */
    store,
  } satisfies Feature & { store: unknown };
}
