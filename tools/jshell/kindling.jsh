// What `./kindling jshell` imports before the first prompt: the public API and the types it returns.
import io.kindling.api.*;
import io.kindling.train.*;
import io.kindling.init.PlanRow;
import io.kindling.diagnose.Diagnosis;
import java.nio.file.Path;
