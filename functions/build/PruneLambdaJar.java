import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build step (run by Maven after the shade plugin, {@code java PruneLambdaJar.java <jar>}): removes
 * from the Lambda jar the AWS SDK model classes of operations Stagegate never calls, and the
 * Lambda event classes it never uses. Why: the three SDK service artifacts carry ~4 MB of model
 * classes for ~400 operations; Stagegate calls seven. {@code minimizeJar} cannot drop them because
 * each generated client has one method per operation that names its request, response and
 * marshaller.
 *
 * <p>How: a class-level reachability walk over the jar's constant pools. Every class outside the
 * prunable packages (SDK service packages, Lambda event classes) is a root and is kept, as is every
 * class a ServiceLoader file names. References are followed into the prunable packages — except,
 * from SDK classes, references to the classes of an operation no Stagegate class names
 * ({@code XRequest}, {@code XResponse}, {@code XRequestMarshaller}, {@code X*Iterable}/{@code Publisher}).
 * That is sound because the JVM resolves a class on first execution of the instruction naming it:
 * the client's method for an operation we never call never runs. One exception: the verifier loads
 * each request class when it links the client (to check it against the request base class), so
 * those are replaced by empty stubs with the same superclass. Everything else is kept, exceptions
 * included (clients register every modelled exception when they are built).
 *
 * <p>Checks: every kept class is loaded, linked and initialised from the pruned jar alone before the
 * build goes on ({@link #linkCheck}), and {@code LambdaJarSmokeTest} (module {@code local}) runs every
 * handler from this jar in a fresh JVM against the stand-ins.
 */
public final class PruneLambdaJar {

    private static final Pattern SDK_MODEL = Pattern.compile(
            "software/amazon/awssdk/services/([a-z0-9]+)/(model|transform|paginators)/([A-Za-z0-9]+)(\\$.*)?\\.class");
    private static final Pattern OPERATION_CLASS = Pattern.compile(
            "software/amazon/awssdk/services/([a-z0-9]+)/(?:model/(\\w+?)(?:Request|Response)|transform/(\\w+?)RequestMarshaller"
                    + "|paginators/(\\w+?)(?:Iterable|Publisher))(?:\\$.*)?\\.class");
    /**
     * The SDK's optional priming providers ({@code SdkWarmUp.warmUp()}, for SnapStart): each calls
     * an operation we never do (e.g. DynamoDB ListBackups) on a sync and an async client, so keeping
     * them would keep the whole async clients and DynamoDB Streams. Stagegate does not call SdkWarmUp;
     * the file is left out, and SdkWarmUp would find no providers.
     */
    private static final String SDK_WARM_UP_PROVIDERS = "META-INF/services/software.amazon.awssdk.core.warmup.SdkWarmUpProvider";
    private static final String SDK_SERVICES = "software/amazon/awssdk/services/";
    private static final Pattern REQUEST = Pattern.compile("software/amazon/awssdk/services/[a-z0-9]+/model/\\w+Request\\.class");
    private static final String EVENTS = "com/amazonaws/services/lambda/runtime/events/";
    private static final String OURS = "io/stagegate/";
    private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([\\w/$]+);");

    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Map<String, Long> times = new HashMap<>();
        Map<String, byte[]> entries = read(jar, times);
        Map<String, Set<String>> refs = new HashMap<>();
        entries.forEach((name, bytes) -> {
            if (name.endsWith(".class")) {
                refs.put(name, references(bytes));
            }
        });

        // an operation is what has a request marshaller; DynamoDbRequest, BatchStatementRequest… are shapes
        Set<String> operations = new HashSet<>();
        Matcher marshaller = Pattern.compile("software/amazon/awssdk/services/([a-z0-9]+)/transform/(\\w+)RequestMarshaller\\.class").matcher("");
        for (String name : refs.keySet()) {
            if (marshaller.reset(name).matches()) {
                operations.add(marshaller.group(1) + "/" + marshaller.group(2));
            }
        }
        // operations a Stagegate class names, per service ("dynamodb/PutItem")
        Set<String> usedOperations = new TreeSet<>();
        refs.forEach((name, targets) -> {
            if (name.startsWith(OURS)) {
                targets.forEach(t -> operation(t, operations).ifPresent(usedOperations::add));
            }
        });

        Deque<String> work = new ArrayDeque<>();
        Set<String> kept = new HashSet<>();
        Set<String> stubs = new HashSet<>();
        for (String name : refs.keySet()) {
            if (!prunable(name)) {
                kept.add(name);
                work.add(name);
            }
        }
        // classes named only in ServiceLoader files are used by name, never by reference
        entries.forEach((name, bytes) -> {
            if (name.startsWith("META-INF/services/") && !name.equals(SDK_WARM_UP_PROVIDERS)) {
                for (String line : new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\\R")) {
                    String cls = line.replaceFirst("#.*", "").trim().replace('.', '/') + ".class";
                    if (refs.containsKey(cls) && kept.add(cls)) {
                        work.add(cls);
                    }
                }
            }
        });
        while (!work.isEmpty()) {
            String from = work.poll();
            boolean fromSdk = from.startsWith("software/amazon/awssdk/");
            for (String to : refs.get(from)) {
                if (kept.contains(to) || !refs.containsKey(to)) {
                    continue;
                }
                if (fromSdk && operation(to, operations).filter(op -> !usedOperations.contains(op)).isPresent()) {
                    // the client's method for an operation we never call. Its request class is replaced
                    // by an empty stub with the same superclass: the verifier loads it to check it
                    // against the service's request base class when it links the client, and loading
                    // needs nothing but the supertype (~100 bytes instead of ~5 KB and its shapes).
                    if (REQUEST.matcher(to).matches()) {
                        stubs.add(to);
                    }
                    continue;
                }
                kept.add(to);
                work.add(to);
            }
        }

        stubs.removeAll(kept);
        Map<String, Long> removedBytes = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        for (String name : refs.keySet()) {
            if (!kept.contains(name) && !stubs.contains(name)) {
                removed.add(name);
                removedBytes.merge(group(name), (long) entries.get(name).length, Long::sum);
            }
        }
        long before = Files.size(jar);
        Path tmp = jar.resolveSibling(jar.getFileName() + ".pruning");
        try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(9);
            Set<String> drop = new HashSet<>(removed);
            drop.add(SDK_WARM_UP_PROVIDERS);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                if (!drop.contains(e.getKey())) {
                    ZipEntry entry = new ZipEntry(e.getKey());
                    entry.setTime(times.get(e.getKey()));
                    zip.putNextEntry(entry);
                    zip.write(stubs.contains(e.getKey()) && !kept.contains(e.getKey()) ? stub(e.getKey(), e.getValue()) : e.getValue());
                    zip.closeEntry();
                }
            }
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        Set<String> inJar = new HashSet<>(kept);
        inJar.addAll(stubs);
        linkCheck(jar, inJar);
        System.out.printf("PruneLambdaJar: %s %.2f MB -> %.2f MB; SDK operations kept: %s; request classes stubbed: %d;"
                + " classes removed: %d %s%n", jar.getFileName(), before / 1e6, Files.size(jar) / 1e6, usedOperations,
                stubs.size(), removed.size(), removedBytes);
    }

    /**
     * Loads, links and initialises every kept class of the pruned packages from the pruned jar alone:
     * a class the verifier needs but the walk dropped fails the build here, not in Lambda.
     */
    private static void linkCheck(Path jar, Set<String> kept) throws IOException {
        List<String> failures = new ArrayList<>();
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (String name : new TreeSet<>(kept)) {
                if (prunable(name) && !name.endsWith("module-info.class") && !name.startsWith("META-INF/")) {
                    String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                    try {
                        Class.forName(className, true, loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        failures.add(className + ": " + e);
                    } catch (RuntimeException e) {
                        // a static initialiser that needs a runtime environment; linking already passed
                    }
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("pruned jar does not link (" + failures.size() + "):\n  "
                    + String.join("\n  ", failures.subList(0, Math.min(20, failures.size()))));
        }
    }

    /** {@code public abstract class X extends <X's superclass> {}}: no members, no interfaces. */
    private static byte[] stub(String name, byte[] original) {
        String superName = superName(original);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(52); // Java 8: no methods, so no stack maps
            out.writeShort(5); // constant pool: 4 entries
            out.writeByte(1);
            out.writeUTF(name.substring(0, name.length() - ".class".length()));
            out.writeByte(7);
            out.writeShort(1);
            out.writeByte(1);
            out.writeUTF(superName);
            out.writeByte(7);
            out.writeShort(3);
            out.writeShort(0x0001 | 0x0020 | 0x0400); // public super abstract
            out.writeShort(2);
            out.writeShort(4);
            out.writeShort(0); // interfaces
            out.writeShort(0); // fields
            out.writeShort(0); // methods
            out.writeShort(0); // attributes
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private static String superName(byte[] classFile) {
        return ConstantPool.read(classFile).superName();
    }

    private static boolean prunable(String name) {
        return name.startsWith(SDK_SERVICES) || name.startsWith(EVENTS);
    }

    /** The operation ("dynamodb/PutItem") a class belongs to, if it is one of an operation's own classes. */
    private static java.util.Optional<String> operation(String className, Set<String> operations) {
        Matcher m = OPERATION_CLASS.matcher(className);
        if (!m.matches()) {
            return java.util.Optional.empty();
        }
        String op = m.group(1) + "/" + (m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4));
        return operations.contains(op) ? java.util.Optional.of(op) : java.util.Optional.empty();
    }

    private static String group(String name) {
        Matcher m = SDK_MODEL.matcher(name);
        if (m.matches()) {
            return m.group(1) + "/" + m.group(2);
        }
        return name.startsWith(EVENTS) ? "lambda-events" : name.substring(SDK_SERVICES.length()).replaceFirst("/.*", "") + "/other";
    }

    private static Map<String, byte[]> read(Path jar, Map<String, Long> times) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (!e.isDirectory()) {
                    try (InputStream in = zip.getInputStream(e)) {
                        entries.put(e.getName(), in.readAllBytes());
                        times.put(e.getName(), e.getTime());
                    }
                }
            }
        }
        return entries;
    }

    /**
     * Every class a class file names: its CONSTANT_Class entries and every {@code Lname;} in its
     * descriptors and signatures (fields, methods, generics, annotations, lambdas).
     */
    private static Set<String> references(byte[] classFile) {
        ConstantPool pool = ConstantPool.read(classFile);
        Set<String> out = new HashSet<>();
        for (String name : pool.classNames()) {
            while (name.startsWith("[")) {
                name = name.substring(1);
            }
            if (name.startsWith("L") && name.endsWith(";")) {
                name = name.substring(1, name.length() - 1);
            }
            if (name.length() > 1) {
                out.add(name + ".class");
            }
        }
        for (String s : pool.utf8()) {
            if (s != null && s.indexOf(';') > 0) {
                Matcher m = DESCRIPTOR_CLASS.matcher(s);
                while (m.find()) {
                    out.add(m.group(1) + ".class");
                }
            }
        }
        return out;
    }

    /** The parts of a class file this needs: the constant pool's strings and class names, and the superclass. */
    private record ConstantPool(String[] utf8, List<String> classNames, String superName) {

        static ConstantPool read(byte[] classFile) {
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile))) {
                in.skipBytes(8); // magic, minor, major
                int count = in.readUnsignedShort();
                String[] utf8 = new String[count];
                int[] classNameIndex = new int[count];
                for (int i = 1; i < count; i++) {
                    int tag = in.readUnsignedByte();
                    switch (tag) {
                        case 1 -> utf8[i] = in.readUTF();
                        case 7 -> classNameIndex[i] = in.readUnsignedShort();
                        case 8, 16, 19, 20 -> in.skipBytes(2);
                        case 15 -> in.skipBytes(3);
                        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                        case 5, 6 -> {
                            in.skipBytes(8);
                            i++; // long and double take two slots
                        }
                        default -> throw new IllegalStateException("unknown constant pool tag " + tag);
                    }
                }
                List<String> classNames = new ArrayList<>();
                for (int index : classNameIndex) {
                    if (index != 0) {
                        classNames.add(utf8[index]);
                    }
                }
                in.skipBytes(4); // access flags, this class
                int superIndex = in.readUnsignedShort();
                return new ConstantPool(utf8, classNames, superIndex == 0 ? null : utf8[classNameIndex[superIndex]]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private PruneLambdaJar() {
    }

}
