package io.branchline.box.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.branchline.box.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code branchline provision --crm-url URL --box-token TOKEN}: writes the CRM section of the configuration
 * and makes the file readable by its owner only (0600), since it now holds the box's token. The file is
 * checked as a whole before it replaces the old one, which is kept as {@code .bak}.
 */
final class ProvisionCommand implements Cli.Command {
    @Override
    public String name() {
        return "provision";
    }

    @Override
    public String summary() {
        return "store the CRM servers and this box's token in the configuration (mode 0600)";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("crm-url").hasArg().argName("URL").required()
                        .desc("the private CRM server, e.g. https://crm.branch.example/crm").build())
                .addOption(Option.builder().longOpt("public-url").hasArg().argName("URL")
                        .desc("the vendor's public server, the fallback").build())
                .addOption(Option.builder().longOpt("box-token").hasArg().argName("TOKEN").required()
                        .desc("this box's token, from the CRM's administrator").build())
                .addOption(Option.builder().longOpt("ca-file").hasArg().argName("FILE")
                        .desc("a CA certificate (PEM) to trust besides the system's").build())
                .addOption(Option.builder().longOpt("allow-plain-http").desc("accept http:// (a lab only)").build())
                .addOption(Option.builder().longOpt("config").hasArg().argName("FILE")
                        .desc("configuration file (default " + ConfigLoader.DEFAULT_PATH + ")").build());
    }

    @Override
    public int run(CommandLine cl, PrintStream out, PrintStream err) {
        Path file = Path.of(cl.getOptionValue("config", ConfigLoader.DEFAULT_PATH.toString()));
        String token = cl.getOptionValue("box-token");
        if (!token.matches("[\\x21-\\x7e]{8,256}")) {
            throw new UsageException("--box-token: 8 to 256 printable characters, no spaces");
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
        try {
            ObjectNode root = Files.exists(file) && Files.size(file) > 0
                    ? (ObjectNode) yaml.readTree(file.toFile()) : yaml.createObjectNode();
            ObjectNode crm = root.with("crm");
            crm.put("private-url", cl.getOptionValue("crm-url"));
            if (cl.hasOption("public-url")) {
                crm.put("public-url", cl.getOptionValue("public-url"));
            }
            crm.put("box-token", token);
            if (cl.hasOption("ca-file")) {
                crm.put("ca-file", cl.getOptionValue("ca-file"));
            }
            if (cl.hasOption("allow-plain-http")) {
                crm.put("allow-plain-http", true);
            }
            String text = yaml.writeValueAsString(root);
            ConfigLoader.parse(text, file.toString()); // refuse to write a configuration the box would refuse
            Path tmp = file.resolveSibling(file.getFileName() + ".new");
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(tmp, text);
            ConfigFileMode.keep(file, tmp);
            if (Files.exists(file)) {
                // The old file held the old token: the copy keeps its owner and mode, never wider.
                Files.copy(file, file.resolveSibling(file.getFileName() + ".bak"), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
                ConfigFileMode.keep(file, file.resolveSibling(file.getFileName() + ".bak"));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.println("provisioned " + file + " (" + ConfigFileMode.describe(file) + "): CRM " + cl.getOptionValue("crm-url")
                    + (cl.hasOption("public-url") ? ", fallback " + cl.getOptionValue("public-url") : "")
                    + (Files.exists(file.resolveSibling(file.getFileName() + ".bak")) ? "; the old file is "
                    + file.getFileName() + ".bak (comments are not carried over)" : ""));
            return ExitCode.OK;
        } catch (IOException e) {
            err.println("branchline provision: cannot write " + file + ": " + e.getMessage());
            return ExitCode.PROBLEM;
        }
    }
}
