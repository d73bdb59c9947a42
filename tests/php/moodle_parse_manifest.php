<?php
// Runs Moodle 4.3's manifest parser (mod/scorm/datamodels/scormlib.php: xml2Array + scorm_get_manifest, the
// part of scorm_parse() that reads imsmanifest.xml, before anything touches the database) on one manifest
// and prints what Moodle understood as JSON. Usage: php moodle_parse_manifest.php SCORMLIB_PHP MANIFEST_XML
// A PHP Error (e.g. "Attempt to assign property ... on null", what imsss:mapInfo causes) exits non-zero.
define('MOODLE_INTERNAL', 1);
function addslashes_js($value) {  // lib/weblib.php's helper; scorm_get_resources() calls it on hrefs
    return addslashes($value);
}
require($argv[1]);
$warnings = [];
set_error_handler(function ($no, $message, $file, $line) use (&$warnings) {
    $warnings[] = "$message (line $line)";
    return true;
});
$parser = new xml2Array();
$scoes = new stdClass();
$scoes->version = '';
$scoes = scorm_get_manifest($parser->parse(file_get_contents($argv[2])), $scoes);
$items = [];
foreach ($scoes->elements as $organizations) {
    foreach ($organizations as $organization => $elements) {
        foreach ($elements as $identifier => $element) {
            $items[] = ['organization' => $organization, 'identifier' => $identifier] + get_object_vars($element);
        }
    }
}
echo json_encode(['version' => $scoes->version, 'default' => $scoes->defaultorg ?? null, 'items' => $items,
                  'warnings' => $warnings]), "\n";
