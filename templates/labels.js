{# shared/labels.js: the labels the runtime shows (templates/labels/<language>.yml, with course.yml's
   labels over them), the same for every SCO, so each SCO page loads this one file before runtime.js
   rather than carrying a copy in its page data. #}
/* The course's labels for the runtime (scorm-builder). */
var sbLabels = {{ labels|tojson }};
