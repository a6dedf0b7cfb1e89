// Stand-in for 'rxjs' (see README.md here): an Observable with pipe and
// subscribe, a Subject, and the filter operator, synchronous as RxJS is.

export type OperatorFunction<T, R> = (source: Observable<T>) => Observable<R>;

export class Observable<T> {
  constructor(private readonly start: (next: (value: T) => void) => void) {}

  subscribe(next: (value: T) => void): { unsubscribe(): void } {
    let open = true;
    this.start((value) => open && next(value));
    return { unsubscribe: () => (open = false) };
  }

  pipe(): Observable<T>;
  pipe<A>(op1: OperatorFunction<T, A>): Observable<A>;
  pipe(...operators: OperatorFunction<any, any>[]): Observable<any> {
    return operators.reduce((source, operator) => operator(source), this as Observable<any>);
  }
}

export class Subject<T> extends Observable<T> {
  private readonly observers: ((value: T) => void)[] = [];

  constructor() {
    super((next) => this.observers.push(next));
  }

  next(value: T): void {
    for (const observer of this.observers) observer(value);
  }
}

export function filter<T, S extends T>(predicate: (value: T) => value is S): OperatorFunction<T, S>;
export function filter<T>(predicate: (value: T) => boolean): OperatorFunction<T, T>;
export function filter<T>(predicate: (value: T) => boolean): OperatorFunction<T, T> {
  return (source) => new Observable((next) => source.subscribe((value) => predicate(value) && next(value)));
}
