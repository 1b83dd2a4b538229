/* The yardstick for `whole-process.sh`: a C program that reads each file named on its command line
 * and walks it with libxml2's xmlTextReader, touching every node's type, name and value, as
 * feedwatch-bench's in-process walk does. Built by the script; never installed. */
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>

static char *slurp(const char *path, long *size) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    *size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *bytes = malloc(*size > 0 ? *size : 1);
    if (fread(bytes, 1, *size, f) != (size_t)*size) *size = 0;
    fclose(f);
    return bytes;
}

int main(int argc, char **argv) {
    unsigned long checksum = 0, nodes = 0;
    long total = 0;
    for (int i = 1; i < argc; i++) {
        long size = 0;
        char *bytes = slurp(argv[i], &size);
        if (!bytes) continue;
        total += size;
        xmlTextReaderPtr reader = xmlReaderForMemory(bytes, (int)size, argv[i], NULL,
                                                     XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                         XML_PARSE_NOWARNING);
        if (reader) {
            while (xmlTextReaderRead(reader) == 1) {
                nodes++;
                checksum += xmlTextReaderNodeType(reader);
                const xmlChar *name = xmlTextReaderConstLocalName(reader);
                if (name) checksum += name[0];
                if (xmlTextReaderHasValue(reader) == 1) {
                    const xmlChar *value = xmlTextReaderConstValue(reader);
                    if (value) checksum += value[0];
                }
            }
            xmlFreeTextReader(reader);
        }
        free(bytes);
    }
    printf("%d files, %ld bytes, %lu nodes, checksum %lu\n", argc - 1, total, nodes, checksum);
    return 0;
}
