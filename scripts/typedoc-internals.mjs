// A TypeDoc plugin (typedoc.json): members whose names start with `_` are
// the tracker's internals, the seam between modules (`tracker._cfg`,
// `tracker._onPageView` …). They are typed on the public `Tracker` so every
// module can reach them, but they are no API: the reference leaves them out,
// and with them the internal types only they mention.
import { Converter, ReflectionKind } from 'typedoc';

export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    const project = context.project;
    for (const reflection of project.getReflectionsByKind(ReflectionKind.Property | ReflectionKind.Method | ReflectionKind.Accessor)) {
      if (reflection.name.startsWith('_')) project.removeReflection(reflection);
    }
  });
}
