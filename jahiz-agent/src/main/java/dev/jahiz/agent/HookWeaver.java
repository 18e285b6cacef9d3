package dev.jahiz.agent;

import dev.jahiz.agent.boot.Hooks;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Weaves one static call to {@link Hooks} into each of two methods, with ASM, and looks at no other
 * class: on entry to Logback's {@code Logger#callAppenders(ILoggingEvent)}, which Logback calls
 * exactly once per event, on the logging thread, whatever appenders, additivity or async appenders
 * the configuration has; and before each return of Log4j's {@code LoggerContext#setConfiguration},
 * through which every configuration of a context passes.
 *
 * <p>A class-file library rather than a code-generation framework: the JVM loads a few dozen small
 * classes to do this, where Byte Buddy's advice loaded a thousand, on the app's main thread, at
 * start-up (docs/BENCHMARKS.md). The woven calls cannot fail: {@link Hooks} catches what its
 * receivers throw, and a class whose loader would not find {@link Hooks} is left as it is.
 */
final class HookWeaver implements ClassFileTransformer {
  static final String LOGBACK_LOGGER = "ch/qos/logback/classic/Logger";
  static final String LOG4J_CONTEXT = "org/apache/logging/log4j/core/LoggerContext";
  private static final String HOOKS = Type.getInternalName(Hooks.class);

  @Override
  public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
    boolean logback = LOGBACK_LOGGER.equals(name);
    if (!logback && !LOG4J_CONTEXT.equals(name)) {
      return null;
    }
    String className = name.replace('/', '.');
    try {
      if (!seesHooks(loader)) {
        Agent.problem("instrumenting " + className + " (its class loader does not delegate to the system class path)", null);
        return null;
      }
      ClassReader reader = new ClassReader(bytes);
      // Unchanged methods are copied as they are; only the woven one has its stack size counted again.
      ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
      Weaving weaving = logback ? new Weaving(writer, "callAppenders", true) : new Weaving(writer, "setConfiguration", false);
      reader.accept(weaving, 0);
      if (!weaving.woven) {
        Agent.problem("instrumenting " + className + " (no method " + weaving.method + " with one parameter)", null);
        return null;
      }
      return writer.toByteArray();
    } catch (Throwable t) {
      Agent.problem("instrumenting " + className, t);
      return null;
    }
  }

  /** Whether code in a class of {@code loader} resolves {@code Hooks} to this agent's one copy. */
  private static boolean seesHooks(ClassLoader loader) {
    try {
      return Class.forName(Hooks.class.getName(), false, loader) == Hooks.class;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static final class Weaving extends ClassVisitor {
    final String method;
    private final boolean onEntry;
    boolean woven;

    Weaving(ClassVisitor next, String method, boolean onEntry) {
      super(Opcodes.ASM9, next);
      this.method = method;
      this.onEntry = onEntry;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
      MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
      if (!name.equals(method) || (access & Opcodes.ACC_STATIC) != 0 || Type.getArgumentTypes(descriptor).length != 1) {
        return mv;
      }
      woven = true;
      return onEntry ? new LogbackEntry(mv) : new Log4jExit(mv);
    }
  }

  /** {@code Hooks.logback(this, event);} first thing in {@code callAppenders(event)}. */
  private static final class LogbackEntry extends MethodVisitor {
    LogbackEntry(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visitCode() {
      super.visitCode();
      super.visitVarInsn(Opcodes.ALOAD, 0);
      super.visitVarInsn(Opcodes.ALOAD, 1);
      super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "logback", "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
    }
  }

  /** {@code Hooks.log4j(this);} before each return of {@code setConfiguration}. */
  private static final class Log4jExit extends MethodVisitor {
    Log4jExit(MethodVisitor next) {
      super(Opcodes.ASM9, next);
    }

    @Override
    public void visitInsn(int opcode) {
      if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
        // The returned value, if any, stays on the stack beneath: the call takes and gives back nothing else.
        super.visitVarInsn(Opcodes.ALOAD, 0);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "log4j", "(Ljava/lang/Object;)V", false);
      }
      super.visitInsn(opcode);
    }
  }
}
