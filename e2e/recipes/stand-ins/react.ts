// Stand-in for 'react' (see README.md here): useEffect with dependencies and
// cleanups, over one component tree that re-renders after each navigation.
//
// Modelled: effects run after the render, children's before their parent's
// (here: in the order the tree calls them); an effect runs again only when
// a dependency changed (Object.is), after its previous cleanup; an update
// scheduled during effects (a <Navigate> redirect) renders in a later task.

type Cleanup = void | (() => void);
interface Slot {
  deps?: readonly unknown[];
  cleanup?: Cleanup;
}

const slots: Slot[] = [];
let next = 0;
let effects: (() => void)[] = [];
let tree: (() => void) | undefined;
let scheduled = false;

export function useEffect(effect: () => Cleanup, deps?: readonly unknown[]): void {
  const slot = (slots[next++] ||= {});
  if (slot.deps && deps && deps.every((dep, i) => Object.is(dep, slot.deps![i]))) return;
  slot.deps = deps;
  effects.push(() => {
    if (typeof slot.cleanup == 'function') slot.cleanup();
    slot.cleanup = effect();
  });
}

function render(): void {
  next = 0;
  effects = [];
  tree!();
  for (const run of effects) run();
}

/** Test side: mounts the app (a function calling its components' hooks, children first). */
export function mount(app: () => void): void {
  tree = app;
  render();
}

/** Test side: what a state update does, a render in a later task. */
export function scheduleRender(): void {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    render();
  });
}
