/**
 * The Flowcraft browser editor, built: {@link io.flowcraft.web.WebApp} hands the server the files
 * that {@code npm run build} bundled into this module (under {@code io/flowcraft/web/app/}), so the
 * server can serve the editor without knowing where the build put it.
 */
module io.flowcraft.web {
    exports io.flowcraft.web;
}
