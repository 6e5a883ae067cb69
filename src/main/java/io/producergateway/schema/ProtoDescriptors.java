package io.producergateway.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.protobuf.AnyProto;
import com.google.protobuf.ApiProto;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.SourceContextProto;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.TypeProto;
import com.google.protobuf.WrappersProto;
import com.squareup.wire.Syntax;
import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.internal.parser.EnumConstantElement;
import com.squareup.wire.schema.internal.parser.EnumElement;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.OptionElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ProtoParser;
import com.squareup.wire.schema.internal.parser.TypeElement;

import io.producergateway.event.GatewayException;
import io.producergateway.event.ProblemType;

/**
 * {@code .proto} text to a protobuf-java {@link FileDescriptor}: Wire parses the text into its elements, which are
 * declared as protoc would declare them (map fields as nested {@code <Name>Entry} messages, proto3 optional fields in
 * oneofs of their own); protobuf-java resolves the type names and checks the whole. Only Google's well-known types
 * can be imported.
 */
final class ProtoDescriptors {

    /** The file name the schema's own descriptor gets: apart from every well-known type's. */
    private static final String FILE_NAME = "schema.proto";

    /** Google's well-known types, by their import path. */
    private static final Map<String, FileDescriptor> WELL_KNOWN = Map.ofEntries(
            Map.entry("google/protobuf/any.proto", AnyProto.getDescriptor()),
            Map.entry("google/protobuf/api.proto", ApiProto.getDescriptor()),
            Map.entry("google/protobuf/descriptor.proto", DescriptorProtos.getDescriptor()),
            Map.entry("google/protobuf/duration.proto", DurationProto.getDescriptor()),
            Map.entry("google/protobuf/empty.proto", EmptyProto.getDescriptor()),
            Map.entry("google/protobuf/field_mask.proto", FieldMaskProto.getDescriptor()),
            Map.entry("google/protobuf/source_context.proto", SourceContextProto.getDescriptor()),
            Map.entry("google/protobuf/struct.proto", StructProto.getDescriptor()),
            Map.entry("google/protobuf/timestamp.proto", TimestampProto.getDescriptor()),
            Map.entry("google/protobuf/type.proto", TypeProto.getDescriptor()),
            Map.entry("google/protobuf/wrappers.proto", WrappersProto.getDescriptor()));

    /** The scalar types by their keyword in .proto text: TYPE_INT32 is int32. */
    private static final Map<String, FieldDescriptorProto.Type> SCALARS = new HashMap<>();

    static {
        for (FieldDescriptorProto.Type type : FieldDescriptorProto.Type.values()) {
            if (type != FieldDescriptorProto.Type.TYPE_GROUP && type != FieldDescriptorProto.Type.TYPE_MESSAGE
                    && type != FieldDescriptorProto.Type.TYPE_ENUM) {
                SCALARS.put(type.name().substring("TYPE_".length()).toLowerCase(Locale.ROOT), type);
            }
        }
    }

    private ProtoDescriptors() {
    }

    /**
     * @throws GatewayException invalid-schema, saying what is wrong with the text
     */
    static FileDescriptor build(String text) {
        ProtoFileElement element;
        try {
            element = ProtoParser.Companion.parse(Location.get(FILE_NAME), text);
        } catch (RuntimeException e) {
            throw invalid(e.getMessage());
        }
        return descriptor(element);
    }

    private static FileDescriptor descriptor(ProtoFileElement element) {
        Syntax syntax = element.getSyntax();
        boolean proto3 = syntax == Syntax.PROTO_3;
        FileDescriptorProto.Builder file = FileDescriptorProto.newBuilder().setName(FILE_NAME);
        file.setSyntax(proto3 ? "proto3" : "proto2");
        if (element.getPackageName() != null && !element.getPackageName().isEmpty()) {
            file.setPackage(element.getPackageName());
        }
        List<FileDescriptor> dependencies = new ArrayList<>();
        List<String> imports = new ArrayList<>(element.getImports());
        imports.addAll(element.getPublicImports());
        imports.addAll(element.getWeakImports());
        for (String path : imports) {
            FileDescriptor known = WELL_KNOWN.get(path);
            if (known == null) {
                throw invalid("imports \"" + path + "\": schema references are not supported (only Google's "
                        + "well-known types, google/protobuf/*.proto, can be imported)");
            }
            if (!dependencies.contains(known)) {
                file.addDependency(path);
                dependencies.add(known);
            }
        }
        for (TypeElement type : element.getTypes()) {
            if (type instanceof MessageElement message) {
                file.addMessageType(message(message, proto3));
            } else if (type instanceof EnumElement enumeration) {
                file.addEnumType(enumeration(enumeration));
            } else {
                throw invalid("unsupported declaration " + type.getName());
            }
        }
        try {
            return FileDescriptor.buildFrom(file.build(), dependencies.toArray(new FileDescriptor[0]));
        } catch (Descriptors.DescriptorValidationException e) {
            throw invalid(e.getMessage());
        }
    }

    private static DescriptorProto message(MessageElement element, boolean proto3) {
        if (!element.getGroups().isEmpty()) {
            throw invalid("message " + element.getName() + " has groups, which are not supported");
        }
        DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(element.getName());
        for (TypeElement nested : element.getNestedTypes()) {
            if (nested instanceof MessageElement inner) {
                message.addNestedType(message(inner, proto3));
            } else if (nested instanceof EnumElement enumeration) {
                message.addEnumType(enumeration(enumeration));
            } else {
                throw invalid("unsupported declaration " + nested.getName() + " in message " + element.getName());
            }
        }
        List<String> synthetic = new ArrayList<>();
        for (FieldElement field : element.getFields()) {
            message.addField(field(message, field, proto3, null, synthetic));
        }
        List<OneOfElement> oneOfs = element.getOneOfs();
        for (int i = 0; i < oneOfs.size(); i++) {
            OneOfElement oneOf = oneOfs.get(i);
            if (!oneOf.getGroups().isEmpty()) {
                throw invalid("oneof " + oneOf.getName() + " has groups, which are not supported");
            }
            message.addOneofDecl(OneofDescriptorProto.newBuilder().setName(oneOf.getName()));
            for (FieldElement field : oneOf.getFields()) {
                message.addField(field(message, field, proto3, i, synthetic));
            }
        }
        // proto3 optional fields: each in a oneof of its own, after the real ones (as protoc declares them).
        for (String name : synthetic) {
            int index = message.getOneofDeclCount();
            message.addOneofDecl(OneofDescriptorProto.newBuilder().setName("_" + name));
            for (FieldDescriptorProto.Builder field : message.getFieldBuilderList()) {
                if (field.getName().equals(name)) {
                    field.setOneofIndex(index);
                }
            }
        }
        return message.build();
    }

    private static FieldDescriptorProto field(DescriptorProto.Builder message, FieldElement element, boolean proto3,
            Integer oneOf, List<String> synthetic) {
        FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder()
                .setName(element.getName())
                .setNumber(element.getTag());
        if (element.getJsonName() != null) {
            field.setJsonName(element.getJsonName());
        }
        Field.Label label = element.getLabel();
        String type = element.getType();
        if (type.startsWith("map<")) {
            if (oneOf != null || label != null) {
                throw invalid("map field " + element.getName() + " cannot be " + (oneOf != null ? "in a oneof"
                        : label.name().toLowerCase(Locale.ROOT)));
            }
            String entry = mapEntry(message, element);
            return field.setLabel(FieldDescriptorProto.Label.LABEL_REPEATED).setTypeName(entry).build();
        }
        typeOf(field, type);
        if (label == Field.Label.REPEATED) {
            field.setLabel(FieldDescriptorProto.Label.LABEL_REPEATED);
        } else if (label == Field.Label.REQUIRED) {
            field.setLabel(FieldDescriptorProto.Label.LABEL_REQUIRED);
        } else {
            field.setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
            if (oneOf != null) {
                field.setOneofIndex(oneOf);
            } else if (proto3 && label == Field.Label.OPTIONAL) {
                field.setProto3Optional(true);
                synthetic.add(element.getName());
            }
        }
        if (element.getDefaultValue() != null) {
            field.setDefaultValue(element.getDefaultValue());
        }
        // Of the field options, only packed changes the bytes written.
        for (OptionElement option : element.getOptions()) {
            if (option.getName().equals("packed")) {
                field.setOptions(DescriptorProtos.FieldOptions.newBuilder()
                        .setPacked(Boolean.parseBoolean(String.valueOf(option.getValue()))));
            }
        }
        return field.build();
    }

    /** A scalar type by its keyword; any other name is left for the descriptor to resolve, to a message or enum. */
    private static void typeOf(FieldDescriptorProto.Builder field, String type) {
        FieldDescriptorProto.Type scalar = SCALARS.get(type);
        if (scalar != null) {
            field.setType(scalar);
        } else {
            field.setTypeName(type);
        }
    }

    /** The nested {@code <Name>Entry} message protoc declares for a map field; its name. */
    private static String mapEntry(DescriptorProto.Builder message, FieldElement element) {
        String type = element.getType();
        String inner = type.substring("map<".length(), type.length() - 1);
        int comma = inner.indexOf(',');
        if (comma < 0) {
            throw invalid("map field " + element.getName() + " has no value type: " + type);
        }
        String key = inner.substring(0, comma).trim();
        String value = inner.substring(comma + 1).trim();
        if (!SCALARS.containsKey(key) || key.equals("double") || key.equals("float") || key.equals("bytes")) {
            throw invalid("map field " + element.getName() + " has a key of type " + key
                    + ", which is not an integral or string type");
        }
        String name = camel(element.getName()) + "Entry";
        FieldDescriptorProto.Builder keyField = FieldDescriptorProto.newBuilder().setName("key").setNumber(1)
                .setJsonName("key").setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
        typeOf(keyField, key);
        FieldDescriptorProto.Builder valueField = FieldDescriptorProto.newBuilder().setName("value").setNumber(2)
                .setJsonName("value").setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
        typeOf(valueField, value);
        message.addNestedType(DescriptorProto.newBuilder()
                .setName(name)
                .addField(keyField)
                .addField(valueField)
                .setOptions(DescriptorProtos.MessageOptions.newBuilder().setMapEntry(true)));
        return name;
    }

    /** protoc's name for a map entry: the field's name in UpperCamelCase. */
    private static String camel(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else if (upper) {
                out.append(Character.toUpperCase(c));
                upper = false;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static EnumDescriptorProto enumeration(EnumElement element) {
        EnumDescriptorProto.Builder enumeration = EnumDescriptorProto.newBuilder().setName(element.getName());
        for (EnumConstantElement constant : element.getConstants()) {
            enumeration.addValue(EnumValueDescriptorProto.newBuilder()
                    .setName(constant.getName())
                    .setNumber(constant.getTag()));
        }
        for (OptionElement option : element.getOptions()) {
            if (option.getName().equals("allow_alias")) {
                enumeration.setOptions(DescriptorProtos.EnumOptions.newBuilder()
                        .setAllowAlias(Boolean.parseBoolean(String.valueOf(option.getValue()))));
            }
        }
        return enumeration.build();
    }

    static GatewayException invalid(String detail) {
        return new GatewayException(ProblemType.INVALID_SCHEMA, "Invalid Protobuf schema: " + detail);
    }
}
